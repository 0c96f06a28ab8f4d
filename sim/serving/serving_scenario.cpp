#include "sim/serving/serving_scenario.h"

namespace llmb {
namespace {

constexpr double kMaxFleetGpus = 1e8;

using Field = ServingOutputField;

constexpr Field kFields[] = {
    {"requests_per_day", Dimension::kCount,
     [](const ServingResult& r) { return r.rented.requests_per_day; }, "requests per day"},
    {"tokens_per_day", Dimension::kCount,
     [](const ServingResult& r) { return r.rented.tokens_per_day; },
     "tokens per day (prompt + output)"},
    {"throughput.gpus_per_replica", Dimension::kCount,
     [](const ServingResult& r) { return r.throughput.gpus_per_replica; }, "GPUs per replica"},
    {"throughput.memory_bytes_per_replica", Dimension::kBytes,
     [](const ServingResult& r) { return r.throughput.memory_bytes_per_replica; },
     "memory per replica (weights + KV cache)"},
    {"throughput.decode_step_s", Dimension::kTime,
     [](const ServingResult& r) { return r.throughput.decode_step_s; }, "decode step"},
    {"throughput.prefill_s_per_request", Dimension::kTime,
     [](const ServingResult& r) { return r.throughput.prefill_s_per_request; },
     "prefill per request"},
    {"throughput.memory_bound", Dimension::kDimensionless,
     [](const ServingResult& r) { return r.throughput.memory_bound; },
     "decode memory-bound (1) or compute-bound (0)"},
    {"throughput.output_tokens_per_s_per_gpu", Dimension::kDimensionless,
     [](const ServingResult& r) { return r.throughput.output_tokens_per_s_per_gpu; },
     "output tokens per second per GPU"},
    {"throughput.requests_per_s_per_gpu", Dimension::kDimensionless,
     [](const ServingResult& r) { return r.throughput.requests_per_s_per_gpu; },
     "requests per second per GPU"},
    {"fleet.replicas", Dimension::kCount, [](const ServingResult& r) { return r.rented.replicas; },
     "replicas"},
    {"fleet.gpus", Dimension::kCount, [](const ServingResult& r) { return r.rented.gpus; },
     "GPUs in the fleet"},
    {"fleet.gpu_hours_per_day", Dimension::kGpuHours,
     [](const ServingResult& r) { return r.rented.gpu_hours_per_day; }, "GPU-hours per day"},
    {"fleet.busy_fraction", Dimension::kDimensionless,
     [](const ServingResult& r) { return r.rented.fleet_busy_fraction; },
     "mean demand / fleet capacity", true},
    {"rented.usd_per_gpu_hour", Dimension::kUsdPerGpuHour,
     [](const ServingResult& r) { return r.rented_usd_per_gpu_hour; },
     "rented: price of a GPU-hour"},
    {"rented.usd_per_day", Dimension::kUsd,
     [](const ServingResult& r) { return r.rented.usd_per_day; }, "rented: per day"},
    {"rented.usd_per_query", Dimension::kUsd,
     [](const ServingResult& r) { return r.rented.usd_per_query; }, "rented: per query"},
    {"rented.usd_per_million_tokens", Dimension::kUsdPerMillionTokens,
     [](const ServingResult& r) { return r.rented.usd_per_million_tokens; },
     "rented: per million tokens (prompt + output)"},
    {"rented.usd_per_million_output_tokens", Dimension::kUsdPerMillionTokens,
     [](const ServingResult& r) { return r.rented.usd_per_million_output_tokens; },
     "rented: per million output tokens"},
    {"owned.usd_per_gpu_hour", Dimension::kUsdPerGpuHour,
     [](const ServingResult& r) { return r.owned_usd_per_gpu_hour; }, "owned: price of a GPU-hour"},
    {"owned.usd_per_day", Dimension::kUsd,
     [](const ServingResult& r) { return r.owned.usd_per_day; }, "owned: per day"},
    {"owned.usd_per_query", Dimension::kUsd,
     [](const ServingResult& r) { return r.owned.usd_per_query; }, "owned: per query"},
    {"owned.usd_per_million_tokens", Dimension::kUsdPerMillionTokens,
     [](const ServingResult& r) { return r.owned.usd_per_million_tokens; },
     "owned: per million tokens (prompt + output)"},
    {"owned.usd_per_million_output_tokens", Dimension::kUsdPerMillionTokens,
     [](const ServingResult& r) { return r.owned.usd_per_million_output_tokens; },
     "owned: per million output tokens"},
};

}  // namespace

std::span<const ServingOutputField> serving_output_fields() {
  return kFields;
}

const std::vector<ClaimOutput>& serving_claim_outputs() {
  static const std::vector<ClaimOutput> outputs = claim_outputs_of(serving_output_fields());
  return outputs;
}

ServingScenario load_serving_scenario(const Document& doc, const Catalog& catalog) {
  const Fields root(doc, doc.root(), "");
  ServingScenario s;
  s.file = doc.label();
  root.choice("kind", {"serving"}, "serving");
  s.name = root.optional_text("name").value_or(doc.label());
  s.description = root.optional_text("description").value_or("");
  s.source = root.optional_text("source").value_or("");
  s.demand = load_demand_section(root.child("demand"));
  s.serving = read_serving_section(root.child("serving"), catalog);
  if (auto gpus =
          root.optional_quantity("fleet_gpus", Dimension::kCount, positive_integer(kMaxFleetGpus)))
    s.fleet_gpus = *gpus;
  s.claims = read_claims(root, serving_claim_outputs());
  root.reject_unknown(
      {"kind", "name", "description", "source", "demand", "serving", "fleet_gpus", "claims"});
  return s;
}

ServingScenario load_serving_file(const std::string& path,
                                  const std::vector<std::string>& overrides,
                                  const Catalog& catalog) {
  Document doc = Document::load_file(path);
  doc.apply_overrides(overrides);
  return load_serving_scenario(doc, catalog);
}

ServingResult evaluate_serving(const ServingScenario& s) {
  ServingResult r;
  ServingInputs rented = s.serving.inputs;
  rented.usd_per_gpu_hour = s.serving.rented_usd_per_gpu_hour;
  ServingInputs owned = s.serving.inputs;
  owned.usd_per_gpu_hour = s.serving.owned_usd_per_gpu_hour;
  const double requests = s.demand.requests_per_day;
  r.throughput = serving_throughput(rented);
  r.rented = s.fleet_gpus ? serving_cost_of_fleet(rented, *s.fleet_gpus, requests)
                          : serving_cost(rented, requests);
  r.owned = s.fleet_gpus ? serving_cost_of_fleet(owned, *s.fleet_gpus, requests)
                         : serving_cost(owned, requests);
  r.rented_usd_per_gpu_hour = rented.usd_per_gpu_hour;
  r.owned_usd_per_gpu_hour = owned.usd_per_gpu_hour;
  return r;
}

}  // namespace llmb
