# With REFRACT_SANITIZE=ON every target is built and linked with ASan and UBSan; any UBSan finding aborts.
# With REFRACT_TSAN=ON every target is built with ThreadSanitizer (scripts/test --tsan builds and runs
# the engine's and the server's concurrency tests only; TSan cannot be combined with ASan).
if(REFRACT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(REFRACT_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
