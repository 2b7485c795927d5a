# With REFRACT_SANITIZE=ON every target is built and linked with ASan and UBSan; any UBSan finding aborts.
if(REFRACT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
