// The layout search's rate, in layouts evaluated per second, on a 405B dense model on 16,384
// H100 and a 671B mixture of experts (DeepSeek-V3's widths) on 2,048 H800. Each benchmark
// thread runs a whole search; with ->Threads(2) two run at once, as on the 2-core machine.
#include <benchmark/benchmark.h>

#include "sim/layout/layout_search.h"

namespace llmb {
namespace {

ClusterSpec hopper(double gpus, double nvlink_total_bytes_per_s) {
  ClusterSpec c;
  c.gpu_count = gpus;
  c.peak_flop_per_s = 989.4e12;  // H100/H800 SXM bf16 dense (catalog)
  c.hbm_bytes = 80e9;
  c.hbm_bytes_per_s = 3.35e12;
  c.gpus_per_node = 8;
  c.nvlink_bytes_per_s = nvlink_total_bytes_per_s / 2;
  c.network_bytes_per_s = 50e9;
  c.network_latency_s = kNetworkLatencyS;
  return c;
}

// Llama 3.1 405B (Llama 3 paper, Table 3): 126 layers, width 16384, 128 heads, 8 KV heads.
Architecture dense_405b() {
  Architecture a;
  a.layers = 126;
  a.hidden = 16384;
  a.heads = 128;
  a.kv_heads = 8;
  a.ffn = 53248;
  a.gated_ffn = 1;
  a.vocab = 128256;
  a.seq_len = 8192;
  a.tied_embeddings = 0;
  return a;
}

Architecture moe_671b() {
  Architecture a;
  a.layers = 61;
  a.hidden = 7168;
  a.heads = 128;
  a.ffn = 18432;
  a.gated_ffn = 1;
  a.vocab = 129280;
  a.seq_len = 4096;
  a.tied_embeddings = 0;
  a.experts = 256;
  a.experts_per_token = 8;
  a.shared_experts = 1;
  a.expert_ffn = 2048;
  a.first_dense_layers = 3;
  a.q_lora_rank = 1536;
  a.kv_lora_rank = 512;
  a.qk_nope_head_dim = 128;
  a.qk_rope_head_dim = 64;
  a.v_head_dim = 128;
  return a;
}

void search(benchmark::State& state, const Architecture& a, const ClusterSpec& c,
            double global_batch) {
  LayoutSearchOptions options;
  options.global_batch = global_batch;
  options.carried.flash_attention = 1;
  options.carried.dp_overlap = kDefaultDpOverlap;
  std::size_t visited = 0, evaluated = 0;
  for (auto _ : state) {
    const LayoutSearch s = search_layouts(a, c, options, 10);
    visited = s.visited;
    evaluated += s.visited;
    benchmark::DoNotOptimize(s.best.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(evaluated));
  state.counters["layouts_visited_per_search"] =
      benchmark::Counter(static_cast<double>(visited), benchmark::Counter::kAvgThreads);
}

void BM_LayoutSearchDense405bOn16384(benchmark::State& state) {
  search(state, dense_405b(), hopper(16384, 900e9), 2048);
}
void BM_LayoutSearchMoe671bOn2048(benchmark::State& state) {
  search(state, moe_671b(), hopper(2048, 400e9), 15360);
}
BENCHMARK(BM_LayoutSearchDense405bOn16384)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_LayoutSearchMoe671bOn2048)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
}  // namespace llmb

BENCHMARK_MAIN();
