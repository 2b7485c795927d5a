// `refract`: the command-line adapter. Composition only: each command lives in its own file.
// Exit codes: 0 ok, 1 invalid input (any record or input file rejected), 2 usage error.
#include <CLI/CLI.hpp>

#include "admin_command.h"
#include "assess_command.h"
#include "cli_common.h"
#include "fhir_command.h"
#include "ids_command.h"
#include "meta_command.h"
#include "new_command.h"
#include "options_command.h"
#include "score_command.h"
#include "serve_command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Refract: decision support for treatment-resistant depression (for clinicians; not a "
      "diagnosis)",
      "refract"};
  app.require_subcommand(1);
  int exit_code = refract::cli::kExitOk;
  refract::cli::AddAssessCommand(app, &exit_code);
  refract::cli::AddValidateCommand(app, &exit_code);
  refract::cli::AddOptionsCommand(app, &exit_code);
  refract::cli::AddMetaCommand(app, &exit_code);
  refract::cli::AddScoreCommand(app, &exit_code);
  refract::cli::AddNewCommand(app, &exit_code);
  refract::cli::AddIdsCommand(app, &exit_code);
  refract::cli::AddServeCommand(app, &exit_code);
  refract::cli::AddAdminCommand(app, &exit_code);
  refract::cli::AddAuditCommand(app, &exit_code);
  refract::cli::AddFhirImportCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? refract::cli::kExitOk : refract::cli::kExitUsage;
  }
  return exit_code;
}
