// The PostgreSQL store (store.h), for deployments with a database server.
#pragma once

#include <memory>
#include <string>

#include "refract/base/status.h"
#include "refract/store/store.h"

namespace refract::store {

// Connects to `connection_uri` (a libpq URI or key=value string, e.g.
// "postgresql://refract@db/refract" or "postgresql:///refract?host=/run/postgresql") and applies
// the schema migrations (under an advisory lock, so two servers starting together are safe). Keeps
// a pool of up to 4 connections; a broken connection is replaced on its next use. Version checks
// lock the patient row (SELECT ... FOR UPDATE); audit appends lock the chain-head row, so
// concurrent appenders, even from several servers, form one chain. kUnavailable when the server
// cannot be reached, kInternal when a migration fails.
StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& connection_uri);

}  // namespace refract::store
