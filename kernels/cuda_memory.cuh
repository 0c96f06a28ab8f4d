// Small RAII helpers for the CUDA backends: errors become exceptions, device buffers free
// themselves.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace llmb::cuda {

inline void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess)
    throw std::runtime_error(std::string("CUDA: ") + what + ": " + cudaGetErrorString(status));
}

template <class T>
struct DeviceBuffer {
  T* data = nullptr;
  explicit DeviceBuffer(std::size_t count) {
    if (count > 0) check(cudaMalloc(&data, count * sizeof(T)), "cudaMalloc");
  }
  DeviceBuffer(const T* host, std::size_t count) : DeviceBuffer(count) {
    if (count > 0)
      check(cudaMemcpy(data, host, count * sizeof(T), cudaMemcpyHostToDevice), "cudaMemcpy");
  }
  ~DeviceBuffer() { cudaFree(data); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
};

}  // namespace llmb::cuda
