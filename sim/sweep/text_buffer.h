// A reusable block of text that a chunk of rows is written into through a raw pointer.
// It keeps its memory between chunks and never zero-fills it: a fresh multi-megabyte string per
// chunk cost a page fault per 4 KiB and a memset of every byte before the rows were written.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace llmb {

class TextBuffer {
 public:
  // Room for `bytes` more characters at the returned position; what is written there counts once
  // advance_to() is given the end.
  char* room(std::size_t bytes) {
    if (size_ + bytes > capacity_) grow(std::max(2 * capacity_, size_ + bytes));
    return data_.get() + size_;
  }
  void advance_to(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  // Keeps the memory for the next chunk.
  void clear() { size_ = 0; }
  void reserve(std::size_t bytes) {
    if (bytes > capacity_) grow(bytes);
  }

  std::string_view view() const { return {data_.get(), size_}; }
  std::size_t size() const { return size_; }

 private:
  void grow(std::size_t capacity) {
    // new char[] leaves the bytes uninitialised, which is the point.
    std::unique_ptr<char[]> larger(new char[capacity]);
    if (size_ > 0) std::memcpy(larger.get(), data_.get(), size_);
    data_ = std::move(larger);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace llmb
