// The whole of a user's input file, or an InputError at FILE:1:1 saying why it cannot be read.
#pragma once

#include <string>

namespace llmb {

std::string read_input_file(const std::string& path);

}  // namespace llmb
