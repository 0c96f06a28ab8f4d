// One accelerator's published figures, each with its source.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/yaml/fields.h"

namespace llmb {

// Numeric precisions a GPU's dense peak is listed for.
const std::vector<std::string>& precision_names();

struct GpuSpec {
  std::string name;
  std::string description;
  std::string released;                     // "2020-11"
  std::map<std::string, Sourced> peak;      // precision -> dense peak FLOP/s (OP/s for int8)
  std::optional<Sourced> memory;            // bytes of HBM
  std::optional<Sourced> memory_bandwidth;  // bytes/s
  std::optional<Sourced> nvlink_bandwidth;  // bytes/s per GPU, both directions
  // Between servers: the scale-out adapter bandwidth per GPU, bytes/s in each direction.
  std::optional<Sourced> network_bandwidth;
  std::optional<Sourced> tdp;  // W
  std::optional<Sourced> gpus_per_server;
  std::optional<Sourced> server_power;  // W for the whole server at full load
  std::optional<Sourced> price;         // USD per GPU
  std::optional<Sourced> cloud_price;   // USD per GPU-hour
};

// One sourced figure of a GPU: its key in catalogs and scenarios, its key in `catalog --format
// json`, where it lives in GpuSpec, its units, the values it may take and its column in the
// catalog's table (empty: not a column). The one list that reading, the catalog's table, CSV and
// JSON and the list of sources share.
struct GpuFigure {
  const char* key;
  const char* json_key;
  std::optional<Sourced> GpuSpec::*member;
  Dimension dimension;
  Bounds bounds;
  bool is_price;  // a catalog's price needs a date
  const char* table_header;
};
const std::vector<GpuFigure>& gpu_figures();

// Reads the figures present in `fields` over `into`. A catalog entry (`catalog_entry`) needs
// a source on every number and a date on prices; a scenario's override may be a bare value.
void read_gpu_figures(const Fields& fields, bool catalog_entry, GpuSpec& into);

// Keys read_gpu_figures understands, for suggestions.
const std::vector<std::string>& gpu_figure_keys();

}  // namespace llmb
