// The one-line account of names the reader read as another id, for the text reports:
//   "input: 'Efexor XL' read as venlafaxine; 'Abilify' read as aripiprazole\n"
// or "" when every id was written as the id (docs/assessment-output.md, input_notes).
#pragma once

#include <string>

#include "refract/app/assess.h"

namespace refract::cli {

std::string InputNotesLine(const Assessment& assessment);

}  // namespace refract::cli
