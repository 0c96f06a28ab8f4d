#include "sim/cli/interrupt.h"

#include <csignal>

namespace llmb::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
  g_interrupted.store(true);
}

}  // namespace

InterruptScope::InterruptScope() : previous_(std::signal(SIGINT, on_interrupt)) {}

InterruptScope::~InterruptScope() {
  std::signal(SIGINT, previous_);
}

const std::atomic<bool>* InterruptScope::flag() const {
  return &g_interrupted;
}

}  // namespace llmb::cli
