// The CPU backend: points of a sweep evaluated on threads over fixed-size chunks, calling the
// same per-point functions as the CUDA backend.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "kernels/sweep_point.h"

namespace llmb {

// Runs fn(chunk) for chunk = 0 .. chunks-1 on `threads` threads; each chunk runs on one
// thread. `done_points` (optional) counts progress; `stop` (optional) ends the run early,
// after the chunks already started. fn(worker, chunk) gets the worker's number.
void parallel_chunks(std::uint64_t chunks, int threads,
                     const std::function<void(int worker, std::uint64_t chunk)>& fn,
                     const std::function<void()>& on_wait = {},
                     const std::atomic<bool>* stop = nullptr);

// Evaluates points [begin, end) into out[0 .. end-begin).
void evaluate_points_cpu(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                         TrainingOutputs* out);

}  // namespace llmb
