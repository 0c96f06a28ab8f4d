// model.architecture: the widths a transformer is counted from (kernels/architecture.h),
// dense or mixture of experts, ordinary, grouped-query or latent attention.
#pragma once

#include "kernels/architecture.h"
#include "sim/yaml/fields.h"

namespace llmb {

// Reads and checks one architecture mapping; inconsistent widths are input errors at the key.
Architecture read_architecture(const Fields& f);

}  // namespace llmb
