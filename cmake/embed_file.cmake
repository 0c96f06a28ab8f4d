# Writes OUTPUT, a C++ source defining `const char SYMBOL[]` with the bytes of INPUT and a
# terminating zero, and `SYMBOL_size`. Run as `cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P`,
# so that the build needs no xxd.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# Lines of 32 bytes, so that compilers and diffs are not handed one 1 MB line.
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_file.cmake; do not edit.\n"
  "#include <cstddef>\n"
  "extern const char ${SYMBOL}[] = {\n${bytes}'\\0'};\n"
  "extern const std::size_t ${SYMBOL}_size = ${byte_count};\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
