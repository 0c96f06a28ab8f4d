// The outputs of one ranked layout as every writer shows them (sim/schema/result_field.h): its
// degrees, step time, throughput, MFU, and where its step time and memory per GPU go. The keys
// are the JSON paths of `layout --format json`; the time and memory parts are what a report
// stacks.
#pragma once

#include <span>
#include <string_view>

#include "sim/layout/layout_search.h"
#include "sim/schema/result_field.h"

namespace llmb {

using LayoutField = ResultField<RankedLayout>;

std::span<const LayoutField> layout_fields();

const LayoutField* find_layout_field(std::string_view key);  // nullptr when unknown

// The parts of the step time (keys under "time."): they and the pipeline bubble add up to the
// step, once the hidden communication is taken off.
std::span<const LayoutField> layout_time_fields();
// The parts of the memory per GPU (keys under "memory."), which add up to memory.total_bytes.
std::span<const LayoutField> layout_memory_fields();

// "none", "selective" or "full".
std::string_view recompute_name(double mode);

}  // namespace llmb
