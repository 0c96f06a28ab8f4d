// How a batch of work runs, shared by every command that runs one (sweeps, the company Monte
// Carlo, the reliability Monte Carlo): on which device, how many threads, and how to stop it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace llmb {

enum class Device { kAuto, kCpu, kCuda };

struct ExecOptions {
  Device device = Device::kAuto;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;  // set by Ctrl-C; the run ends with Cancelled
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;  // main thread only
};

// Thrown when `stop` was set; nothing has been written that should not be.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// Throws Cancelled when the run was asked to stop.
void throw_if_stopped(const ExecOptions& exec);

// Which device a run will use: kAuto picks the GPU when one is present at run time. Asking
// for kCuda without one is an InputError on the command line.
Device pick_device(Device requested);
std::string device_description(Device device, int threads);

}  // namespace llmb
