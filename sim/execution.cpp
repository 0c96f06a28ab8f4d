#include "sim/execution.h"

#include <fmt/format.h>

#include "kernels/batch_cuda.h"

namespace llmb {

void throw_if_stopped(const ExecOptions& exec) {
  if (exec.stop && exec.stop->load()) throw Cancelled();
}

Device pick_device(Device requested) {
  if (requested == Device::kAuto) return cuda_device_count() > 0 ? Device::kCuda : Device::kCpu;
  return requested;
}

std::string device_description(Device device, int threads) {
  if (device == Device::kCuda) return fmt::format("CUDA GPU ({})", cuda_device_name());
  return fmt::format("CPU ({} thread{})", threads, threads == 1 ? "" : "s");
}

}  // namespace llmb
