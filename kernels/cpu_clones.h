// LLMB_CPU_CLONES marks a CPU hot loop that is compiled twice, for the baseline x86-64 that
// every 64-bit x86 machine runs and for x86-64-v3 (AVX2 and FMA, about twice the sweep rate),
// with the copy chosen when the program loads by the CPU it runs on (GCC's target_clones, an
// ifunc). A portable binary keeps the fast paths this way.
//
// The two copies give the same bits: the build turns off the contraction of a*b+c into one
// fused multiply-add (-ffp-contract=off, CMakeLists.txt), the one rounding difference
// between them; AVX2 adds, multiplies, divides and square roots round as SSE2's do. Functions
// inlined into a marked one are compiled with it. Nothing is cloned where the whole build
// already targets AVX2 (LLMB_X86_64_V3), for device code, off x86-64, or with Clang, whose
// version 14 clones no function templates (the stage-one lanes are one): a Clang build (the
// fuzz preset) is baseline throughout, which changes its speed, not its results.
#pragma once

#if defined(__x86_64__) && !defined(__AVX2__) && !defined(__CUDACC__) && defined(__GNUC__) && \
    !defined(__clang__)
#define LLMB_CPU_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define LLMB_CPU_CLONES
#endif
