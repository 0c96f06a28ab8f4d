// Ctrl-C during a long run: while an InterruptScope lives, SIGINT sets a flag the engines poll
// (they stop and throw Cancelled) instead of killing the process, so no partial file is left.
#pragma once

#include <atomic>

namespace llmb::cli {

class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
  const std::atomic<bool>* flag() const;

 private:
  void (*previous_)(int);
};

}  // namespace llmb::cli
