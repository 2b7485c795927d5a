# refract_literal_parts(CONTENT OUT): CONTENT as C++ raw string literals of at most 16,000 bytes each,
# one per line, each followed by a comma (an initialiser list of `const char*` parts joined at first
# use). C++ compilers need only support literals of 65,536 bytes (clang's -Woverlength-strings), and
# some embedded files are larger. Used by src/io/embed_text.cmake and cmake/embed_assets.cmake.
function(refract_literal_parts content out)
  string(LENGTH "${content}" length)
  set(parts "")
  set(offset 0)
  while(offset LESS length)
    string(SUBSTRING "${content}" ${offset} 16000 chunk)
    string(APPEND parts "    R\"refract_text(${chunk})refract_text\",\n")
    math(EXPR offset "${offset} + 16000")
  endwhile()
  if(parts STREQUAL "")
    set(parts "    \"\",\n")
  endif()
  set(${out} "${parts}" PARENT_SCOPE)
endfunction()
