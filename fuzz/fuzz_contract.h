// What every fuzz target asserts about a reader, beyond "no crash": an input is either read
// into a valid result, whose every number is finite and within its documented range, or refused
// with an InputError whose message is one printable line that says where (FILE:LINE:COL: ...).
// Any other outcome (another exception, a message of two lines, an infinite cost) aborts, and
// libFuzzer keeps the input that did it.
#pragma once

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <string_view>

#include "sim/catalog/catalog.h"
#include "sim/input_error.h"
#include "sim/output/atomic_file.h"
#include "sim/units.h"

#ifndef LLMB_SOURCE_DIR
#error "LLMB_SOURCE_DIR must name the source tree"
#endif

namespace llmb::fuzz {

[[noreturn]] inline void violated(const char* what, const std::string& detail) {
  std::fprintf(stderr, "contract violated: %s: %s\n", what, detail.c_str());
  std::abort();
}

// One line, printable UTF-8, bounded, beginning "FILE:LINE:COL: " with LINE and COL >= 1.
inline void check_message(const std::string& message) {
  if (message.empty()) violated("empty message", "");
  if (message.find('\n') != std::string::npos || message.find('\r') != std::string::npos)
    violated("message of more than one line", message);
  if (message.size() > 8192) violated("message longer than 8 kB", message.substr(0, 200));
  for (unsigned char c : message)
    if (c < 0x20 || c == 0x7F) violated("control byte in message", message);
  if (utf8_error_offset(message) != std::string_view::npos) violated("message not UTF-8", message);
  // FILE:LINE:COL: with the file name itself free to hold colons.
  std::size_t at = message.find(": ");
  bool located = false;
  while (at != std::string::npos && !located) {
    const std::string head = message.substr(0, at);
    const std::size_t c2 = head.rfind(':');
    const std::size_t c1 =
        c2 == std::string::npos || c2 == 0 ? std::string::npos : head.rfind(':', c2 - 1);
    if (c1 != std::string::npos && c1 > 0) {
      const std::string line = head.substr(c1 + 1, c2 - c1 - 1), col = head.substr(c2 + 1);
      auto positive = [](const std::string& s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos &&
               s.front() != '0';
      };
      located = positive(line) && positive(col);
    }
    at = message.find(": ", at + 1);
  }
  if (!located) violated("message does not begin FILE:LINE:COL:", message);
}

// Runs `read`; an InputError must satisfy check_message, anything else thrown aborts.
template <class Read>
void expect_contract(Read&& read) {
  try {
    read();
  } catch (const InputError& e) {
    check_message(e.what());
  } catch (const OutputError& e) {
    violated("OutputError from a reader", e.what());
  } catch (const std::bad_alloc&) {
    violated("out of memory", "a limit should have refused this input first");
  } catch (const std::exception& e) {
    violated("internal error", e.what());
  }
}

inline void expect_finite(double value, const char* what) {
  if (!std::isfinite(value)) violated("non-finite result", what);
}
inline void expect_in(double value, double min, double max, const char* what) {
  expect_finite(value, what);
  if (value < min || value > max)
    violated("result out of range", std::string(what) + " = " + std::to_string(value));
}

inline const Catalog& bundled_catalog() {
  static const Catalog catalog = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return catalog;
}

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A file for readers that take a path (a catalog directory): written beside the fuzzer, once
// per input. Returns its path.
inline std::string write_scratch(const std::string& name, const std::string& text) {
  static const std::string dir = [] {
    const auto path = std::filesystem::temp_directory_path() /
                      ("llmb-fuzz-" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::create_directories(path);
    return path.string();
  }();
  const std::string path = dir + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) violated("cannot write the scratch file", path);
  return path;
}

}  // namespace llmb::fuzz
