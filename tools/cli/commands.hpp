#pragma once
// The CLI's commands, one group per area; main.cpp assembles them into the tree.

#include "command_tree.hpp"

namespace beezup::cli {

command demo_command();           ///< demo: the README's main job on the in-process sandbox
command orders_command();         ///< orders list | show | export | ship | accept | cancel | refund | harvest | history
command sync_command();           ///< sync --checkpoint FILE
command receive_command();        ///< receive: the push server and dispatcher
command subscriptions_command();  ///< subscriptions list | show | create | activate | deactivate | delete | reporting
command lov_command();            ///< lov NAME
command invoices_command();       ///< invoices settings | generate
command auto_accept_command();    ///< auto-accept list | enable | disable
command sandbox_command();        ///< sandbox: the simulator, as beezup-sandbox

}  // namespace beezup::cli
