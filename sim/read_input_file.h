// The whole of a user's input file, or an InputError saying why it cannot be read: at FILE:1:1
// when it cannot be opened or is larger than limits::kMaxInputFileBytes (read no further, so
// /dev/zero or a FIFO ends in an error, not in exhausted memory), at the line and column of the
// first byte that is not UTF-8.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace llmb {

std::string read_input_file(const std::string& path);

// Whether this process has read the file with this device and inode through read_input_file:
// an output must not replace its own input (sim/output/atomic_file.h).
bool is_input_file(dev_t device, ino_t inode);

// Throws unless `text` is well-formed UTF-8, locating the first bad byte in `label`.
void require_utf8(std::string_view text, const std::string& label);

}  // namespace llmb
