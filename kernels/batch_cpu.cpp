#include "kernels/batch_cpu.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace llmb {

void parallel_chunks(std::uint64_t chunks, int threads,
                     const std::function<void(int, std::uint64_t)>& fn,
                     const std::function<void()>& on_wait, const std::atomic<bool>* stop) {
  std::atomic<std::uint64_t> next{0};
  std::atomic<int> running{threads};
  std::mutex mutex;
  std::condition_variable finished;
  std::exception_ptr failure;
  auto worker = [&](int id) {
    try {
      while (!(stop && stop->load(std::memory_order_relaxed)) && !failure) {
        const std::uint64_t chunk = next.fetch_add(1, std::memory_order_relaxed);
        if (chunk >= chunks) break;
        fn(id, chunk);
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
    }
    std::lock_guard lock(mutex);
    if (--running == 0) finished.notify_all();
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  {
    std::unique_lock lock(mutex);
    while (running > 0) {
      finished.wait_for(lock, std::chrono::milliseconds(100));
      if (on_wait) {
        lock.unlock();
        on_wait();
        lock.lock();
      }
    }
  }
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

void evaluate_points_cpu(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                         TrainingOutputs* out) {
  for (std::uint64_t i = begin; i < end; ++i) out[i - begin] = evaluate_sweep_point(plan, i);
}

}  // namespace llmb
