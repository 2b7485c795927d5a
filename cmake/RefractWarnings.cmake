# refract_set_warnings(target): the project's warning policy (-Wall -Wextra, -Werror by default).
function(refract_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  if(REFRACT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
