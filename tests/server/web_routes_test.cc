// The web app's pages and files: served without credentials, byte for byte as in web/, with a
// content security policy that allows only this server's own scripts; "/" leads to the app; no
// path outside the embedded files is served. Also GET /api/v1/me gives a browser session its CSRF
// token again after a reload (never to an API token).
#include <gtest/gtest.h>

#include "refract/web/assets.h"
#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

class WebRoutesTest : public ServerTest {};

TEST_P(WebRoutesTest, TheRootRedirectsToTheClinicianApp) {
  httplib::Result root = Get("/", nullptr);
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 302);
  EXPECT_EQ(root->get_header_value("Location"), "/app/");
}

TEST_P(WebRoutesTest, EveryEmbeddedFileIsServedAsInTheSourceTree) {
  ASSERT_FALSE(web::Assets().empty());
  for (const web::Asset& asset : web::Assets()) {
    const std::string path = "/" + std::string(asset.path);
    httplib::Result served = Get(path, nullptr);
    ASSERT_TRUE(served) << path;
    EXPECT_EQ(served->status, 200) << path;
    EXPECT_EQ(served->body, asset.body) << path;
    if (asset.path.starts_with("app/") && asset.path.find("/data/") == std::string_view::npos) {
      EXPECT_EQ(served->body, ReadProjectFile("web/" + std::string(asset.path))) << path;
    }
  }
  EXPECT_EQ(Get("/app/", nullptr)->body, ReadProjectFile("web/app/index.html"));
  EXPECT_EQ(Get("/q/", nullptr)->body, ReadProjectFile("web/q/index.html"));
}

TEST_P(WebRoutesTest, PagesAllowOnlyThisServersOwnScriptsAndAreNeverFramed) {
  httplib::Result page = Get("/app/", nullptr);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::string policy = page->get_header_value("Content-Security-Policy");
  EXPECT_EQ(page->get_header_value_count("Content-Security-Policy"), 1u);
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
  EXPECT_EQ(page->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(Get("/app/app.js", nullptr)->get_header_value("Content-Type"),
            "text/javascript; charset=utf-8");
  // The API keeps its own, stricter policy.
  EXPECT_EQ(Get("/healthz", nullptr)->get_header_value("Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'");
}

TEST_P(WebRoutesTest, NothingOutsideTheEmbeddedFilesIsServed) {
  for (const std::string path : {"/app/nothing.js", "/app/../docs/openapi.json", "/app/%2e%2e/x",
                                 "/q/../app/app.js", "/app/views/", "/web/app/app.js"}) {
    httplib::Result result = Get(path, nullptr);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path;
  }
}

TEST_P(WebRoutesTest, TheSessionLearnsItsCsrfTokenAgainFromMe) {
  httplib::Result session =
      Send("POST", "/api/v1/session", nullptr,
           json{{"username", clinician_a_.username}, {"password", clinician_a_.password}}.dump());
  ASSERT_EQ(session->status, 201);
  const std::string csrf = json::parse(session->body)["csrf_token"];
  const std::string cookie = session->get_header_value("Set-Cookie");
  const std::string pair = cookie.substr(0, cookie.find(';'));
  httplib::Result me = client_->Get("/api/v1/me", {{"Cookie", pair}});
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["csrf_token"], csrf);
  EXPECT_FALSE(json::parse(Get("/api/v1/me", &clinician_a_)->body).contains("csrf_token"));
}

// The files do not depend on the store: one store is enough.
INSTANTIATE_TEST_SUITE_P(Stores, WebRoutesTest, ::testing::Values("sqlite_file"));

}  // namespace
}  // namespace refract::server::testing
