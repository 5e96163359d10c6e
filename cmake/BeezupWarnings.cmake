# Compiler settings for the project's own targets (never for third-party code).
function(beezup_target_settings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  # cpprest defines a macro U that breaks Boost headers in the same translation unit.
  target_compile_definitions(${target} PRIVATE _TURN_OFF_PLATFORM_STRING)
  if(BEEZUP_SANITIZE)
    # vptr checks are off: cpprest is built with hidden visibility, so its template instances
    # carry type info the checker cannot match with ours and every stream call is flagged.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize=vptr
                           -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
