// beezup-sandbox: runs the BeezUP simulator until interrupted.

#include "command_line.hpp"

int main(int argc, char** argv) { return beezup::sandbox::run_command_line(argc, argv, "beezup-sandbox"); }
