#include "sim/layout/layout_fields.h"

#include <array>

namespace llmb {

namespace {

// A member of the layout or of its result, as a field's value.
template <double Layout::*Member>
double of_layout(const RankedLayout& x) {
  return x.layout.*Member;
}
template <double LayoutResult::*Member>
double of_result(const RankedLayout& x) {
  return x.result.*Member;
}

using D = Dimension;

// The step's parts first (they add up to step_time_s), then the memory's, then the rest of
// `time.`, so that the two spans below are slices of the one table.
const std::array kFields{
    LayoutField{"time.compute_s", D::kTime, of_result<&LayoutResult::compute_s>, "compute"},
    LayoutField{"time.bubble_s", D::kTime, of_result<&LayoutResult::bubble_s>, "pipeline bubble"},
    LayoutField{"time.tp_comm_s", D::kTime, of_result<&LayoutResult::tp_comm_s>, "tensor-parallel"},
    LayoutField{"time.pp_comm_s", D::kTime, of_result<&LayoutResult::pp_comm_s>, "pipeline sends"},
    LayoutField{"time.ep_comm_s", D::kTime, of_result<&LayoutResult::ep_comm_s>,
                "expert all-to-all"},
    LayoutField{"time.dp_comm_s", D::kTime, of_result<&LayoutResult::dp_comm_s>, "data-parallel"},
    LayoutField{"time.optimizer_s", D::kTime, of_result<&LayoutResult::optimizer_s>, "optimizer"},
    LayoutField{"memory.weights_bytes", D::kBytes, of_result<&LayoutResult::weights_bytes>,
                "weights"},
    LayoutField{"memory.grads_bytes", D::kBytes, of_result<&LayoutResult::grads_bytes>,
                "gradients"},
    LayoutField{"memory.optimizer_bytes", D::kBytes, of_result<&LayoutResult::optimizer_bytes>,
                "optimizer state"},
    LayoutField{"memory.activations_bytes", D::kBytes, of_result<&LayoutResult::activations_bytes>,
                "activations"},
    LayoutField{"memory.total_bytes", D::kBytes, of_result<&LayoutResult::total_bytes>,
                "memory per GPU"},
    LayoutField{"time.recompute_s", D::kTime, of_result<&LayoutResult::recompute_s>,
                "recomputation (within compute)"},
    LayoutField{"time.hidden.tp_comm_s", D::kTime, of_result<&LayoutResult::tp_comm_hidden_s>,
                "tensor-parallel hidden"},
    LayoutField{"time.hidden.pp_comm_s", D::kTime, of_result<&LayoutResult::pp_comm_hidden_s>,
                "pipeline sends hidden"},
    LayoutField{"time.hidden.ep_comm_s", D::kTime, of_result<&LayoutResult::ep_comm_hidden_s>,
                "expert all-to-all hidden"},
    LayoutField{"time.hidden.dp_comm_s", D::kTime, of_result<&LayoutResult::dp_comm_hidden_s>,
                "data-parallel hidden"},
    LayoutField{"tp", D::kCount, of_layout<&Layout::tp>, "tensor-parallel size"},
    LayoutField{"pp", D::kCount, of_layout<&Layout::pp>, "pipeline-parallel size"},
    LayoutField{"dp", D::kCount, of_result<&LayoutResult::dp>, "data-parallel size"},
    LayoutField{"ep", D::kCount, of_layout<&Layout::ep>, "expert-parallel size"},
    LayoutField{"stage_layers", D::kCount, of_result<&LayoutResult::stage_layers>,
                "layers on the busiest stage"},
    LayoutField{"interleave", D::kCount, of_layout<&Layout::interleave>, "virtual stages per GPU"},
    LayoutField{"micro_batch", D::kCount, of_layout<&Layout::micro_batch>,
                "micro-batch (sequences)"},
    LayoutField{"micro_batches", D::kCount, of_result<&LayoutResult::micro_batches>,
                "micro-batches per step"},
    LayoutField{"zero", D::kCount, of_layout<&Layout::zero>, "ZeRO stage"},
    LayoutField{"step_time_s", D::kTime, of_result<&LayoutResult::step_time_s>, "step time"},
    LayoutField{"tokens_per_s", D::kCount, of_result<&LayoutResult::tokens_per_s>,
                "tokens per second"},
    LayoutField{"model_flop_per_s_per_gpu", D::kFlopPerSecond,
                of_result<&LayoutResult::model_flop_per_s_per_gpu>, "model FLOP/s per GPU"},
    LayoutField{"hardware_flop_per_s_per_gpu", D::kFlopPerSecond,
                of_result<&LayoutResult::hardware_flop_per_s_per_gpu>,
                "hardware FLOP/s per GPU (with recomputation)"},
    LayoutField{"mfu", D::kDimensionless, of_result<&LayoutResult::mfu>, "MFU", true},
    LayoutField{"hfu", D::kDimensionless, of_result<&LayoutResult::hfu>, "HFU", true},
};

constexpr std::size_t kTimeParts = 7;
constexpr std::size_t kMemoryParts = 4;

}  // namespace

std::span<const LayoutField> layout_fields() {
  return kFields;
}

const LayoutField* find_layout_field(std::string_view key) {
  for (const LayoutField& f : kFields)
    if (f.key == key) return &f;
  return nullptr;
}

std::span<const LayoutField> layout_time_fields() {
  return layout_fields().first(kTimeParts);
}

std::span<const LayoutField> layout_memory_fields() {
  return layout_fields().subspan(kTimeParts, kMemoryParts);
}

std::string_view recompute_name(double mode) {
  if (mode == kRecomputeFull) return "full";
  if (mode == kRecomputeSelective) return "selective";
  return "none";
}

}  // namespace llmb
