// LLMB_HD marks math that runs on both the CPU backend and the CUDA backend.
#pragma once

#if defined(__CUDACC__)
#define LLMB_HD __host__ __device__
#else
#define LLMB_HD
#endif
