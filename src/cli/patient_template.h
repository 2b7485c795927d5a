// The commented record template `refract new` writes: a synthetic refract-patient/1 record in YAML
// with one line per section saying what it is, the accepted values of every enum, where to find
// the accepted ids (`refract ids KIND`) and an example of each treatment kind a clinician most
// often enters. It validates as written (tests/cli: new_template_validates).
#pragma once

#include <string_view>

namespace refract::cli {

std::string_view PatientTemplateYaml();

}  // namespace refract::cli
