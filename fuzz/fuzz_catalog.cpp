// A hardware catalog (hardware.yaml), beside the bundled economics and labour catalogs, and a
// scenario priced with its first GPU.
#include "fuzz/fuzz_contract.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  static const std::string dir = [] {
    const std::string hardware = fuzz::write_scratch("catalog/hardware.yaml", "");
    const std::string folder = hardware.substr(0, hardware.rfind('/'));
    for (const auto& entry :
         std::filesystem::directory_iterator(LLMB_SOURCE_DIR "/scenarios/catalog"))
      if (entry.path().filename() != "hardware.yaml")
        std::filesystem::copy_file(entry.path(),
                                   std::filesystem::path(folder) / entry.path().filename(),
                                   std::filesystem::copy_options::overwrite_existing);
    return folder;
  }();
  fuzz::expect_contract([&] {
    fuzz::write_scratch("catalog/hardware.yaml", text);
    const Catalog catalog = load_catalog(dir);
    for (const auto& [name, gpu] : catalog.gpus)
      for (const auto& [precision, peak] : gpu.peak) fuzz::expect_in(peak.value, 1, 1e17, "a peak");
  });
  return 0;
}
