// Every point of a sweep, in index order, through a caller's formatter and consumer.
#include <algorithm>
#include <future>
#include <vector>

#include "kernels/batch_cpu.h"
#include "kernels/batch_cuda.h"
#include "sim/sweep/sweep_engine.h"

namespace llmb {
namespace {

constexpr std::uint64_t kRowChunk = 1 << 13;

}  // namespace

void stream_points(const SweepPlan& plan, const ExecOptions& exec, const ProduceRows& produce,
                   const ConsumeRows& consume) {
  const SweepPlanView view = plan.view();
  const std::uint64_t total = view.total;
  const std::uint64_t chunks = (total + kRowChunk - 1) / kRowChunk;
  const int threads = std::max(1, exec.threads);
  const bool on_gpu = pick_device(exec.device) == Device::kCuda;
  // Chunks are produced a window at a time, in parallel, and consumed in order; the next window
  // is produced while this thread consumes the last (writing rows to a file costs the kernel
  // about as much time as formatting them). Two windows of buffers, each keeping its memory.
  // Eight chunks a thread keep the threads busy to the window's end; at most 64 (and at least
  // one a thread) bound the text in flight: two windows of 64 chunks of 8,192 rows are 380 MB
  // at the 361 bytes of a CSV row of every output.
  const auto workers = static_cast<std::uint64_t>(threads);
  const std::uint64_t window =
      std::max<std::uint64_t>(workers, std::min<std::uint64_t>(8 * workers, 64));
  std::vector<TextBuffer> texts[2] = {std::vector<TextBuffer>(window),
                                      std::vector<TextBuffer>(window)};
  std::vector<std::vector<TrainingOutputs>> buffers(static_cast<std::size_t>(threads),
                                                    std::vector<TrainingOutputs>(kRowChunk));
  std::vector<TrainingOutputs> gpu_outputs(on_gpu ? window * kRowChunk : 0);
  auto produce_window = [&](std::uint64_t first, std::vector<TextBuffer>& slots) {
    const std::uint64_t count = std::min(window, chunks - first);
    const std::uint64_t window_begin = first * kRowChunk;
    if (on_gpu)
      evaluate_points_cuda(view, window_begin, std::min(total, (first + count) * kRowChunk),
                           gpu_outputs.data());
    parallel_chunks(
        count, threads,
        [&](int worker, std::uint64_t k) {
          const std::uint64_t begin = (first + k) * kRowChunk,
                              end = std::min(total, begin + kRowChunk);
          const TrainingOutputs* outputs = nullptr;
          if (on_gpu) {
            outputs = gpu_outputs.data() + (begin - window_begin);
          } else {
            TrainingOutputs* buffer = buffers[static_cast<std::size_t>(worker)].data();
            evaluate_points_cpu(view, begin, end, buffer);
            outputs = buffer;
          }
          slots[k].clear();
          produce(begin, end, outputs, slots[k]);
        },
        {}, exec.stop);
  };
  // A std::async future waits for its task when destroyed, so an exception thrown while
  // consuming leaves no task running on the buffers.
  std::future<void> next;
  if (chunks > 0) next = std::async(std::launch::async, produce_window, 0, std::ref(texts[0]));
  for (std::uint64_t first = 0, window_index = 0; first < chunks; first += window, ++window_index) {
    next.get();
    throw_if_stopped(exec);
    std::vector<TextBuffer>& ready = texts[window_index % 2];
    if (first + window < chunks)
      next = std::async(std::launch::async, produce_window, first + window,
                        std::ref(texts[(window_index + 1) % 2]));
    const std::uint64_t count = std::min(window, chunks - first);
    for (std::uint64_t k = 0; k < count; ++k) consume(ready[k].view());
    if (exec.progress) exec.progress(std::min(total, (first + count) * kRowChunk), total);
  }
}

}  // namespace llmb
