#include "command_tree.hpp"

#include "interruption.hpp"
#include "settings.hpp"

#include <beezup/error.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>

namespace beezup::cli {
namespace {

std::string option_name(const std::string& argument) {
    std::string name = argument.substr(0, argument.find("..."));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name;
}

bool takes_many(const std::string& argument) { return argument.find("...") != std::string::npos; }

const command* find_child(const command& group, const std::string& name) {
    for (const auto& child : group.children)
        if (child.name == name) return &child;
    return nullptr;
}

void print_group_help(const command& group, const std::string& path, std::ostream& out) {
    out << "usage: " << path << " COMMAND [options]\n";
    if (!group.summary.empty()) out << "\n" << group.summary << "\n";
    out << "\ncommands:\n";
    std::size_t width = 0;
    for (const auto& child : group.children) width = std::max(width, child.name.size());
    for (const auto& child : group.children) {
        // The first sentence; the command's own --help has the rest.
        const auto end = child.summary.find(". ");
        out << "  " << std::left << std::setw(static_cast<int>(width) + 2) << child.name
            << child.summary.substr(0, end == std::string::npos ? end : end + 1) << "\n";
    }
    out << "\n'" << path << " COMMAND --help' describes a command.\n";
}

std::string usage_line(const command& leaf, const std::string& path) {
    std::string line = "usage: " + path + " [options]";
    for (const auto& argument : leaf.arguments) line += " " + argument;
    return line;
}

/// Every option a leaf accepts, as --help shows them.
po::options_description visible_options(const command& leaf) {
    po::options_description all("options");
    all.add_options()("help,h", "show this help");
    if (leaf.options) leaf.options(all);
    if (leaf.connects) {
        po::options_description connection("connection (flags, then environment, then the configuration file's profile)");
        add_connection_options(connection);
        all.add(connection);
    }
    return all;
}

/// One line: the message of an error, whatever it holds.
std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\r', ' ');
    return text;
}

int report(const std::string& path, const std::string& message, int status) {
    std::cerr << path << ": " << one_line(message) << "\n";
    return status;
}

int run_leaf(const command& leaf, const std::string& path, const std::vector<std::string>& args) {
    auto visible = visible_options(leaf);
    po::options_description hidden;
    po::positional_options_description positional;
    for (const auto& argument : leaf.arguments) {
        const auto name = option_name(argument);
        if (takes_many(argument)) {
            hidden.add_options()(name.c_str(), po::value<std::vector<std::string>>());
            positional.add(name.c_str(), -1);
        } else {
            hidden.add_options()(name.c_str(), po::value<std::string>());
            positional.add(name.c_str(), 1);
        }
    }
    po::options_description all;
    all.add(visible).add(hidden);
    po::variables_map values;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
        if (values.count("help")) {
            std::cout << usage_line(leaf, path) << "\n\n" << leaf.summary << "\n\n" << visible;
            return exit_status::ok;
        }
        for (const auto& argument : leaf.arguments)
            if (!values.count(option_name(argument))) throw usage_error("missing " + argument);
        po::notify(values);
    } catch (const po::error& e) {
        std::cerr << path << ": " << one_line(e.what()) << "\n" << usage_line(leaf, path) << "\n(see '" << path << " --help')\n";
        return exit_status::usage;
    } catch (const usage_error& e) {
        std::cerr << path << ": " << one_line(e.what()) << "\n" << usage_line(leaf, path) << "\n(see '" << path << " --help')\n";
        return exit_status::usage;
    }
    try {
        return leaf.run(values);
    } catch (const usage_error& e) {
        std::cerr << path << ": " << one_line(e.what()) << "\n(see '" << path << " --help')\n";
        return exit_status::usage;
    } catch (const configuration_error& e) {
        return report(path, e.what(), exit_status::configuration);
    } catch (const unauthorized_error& e) {
        return report(path, e.what(), exit_status::configuration);
    } catch (const forbidden_error& e) {
        return report(path, e.what(), exit_status::configuration);
    } catch (const not_found_error& e) {
        return report(path, e.what(), exit_status::not_found);
    } catch (const bad_request_error& e) {
        return report(path, e.what(), exit_status::refused);
    } catch (const conflict_error& e) {
        return report(path, e.what(), exit_status::refused);
    } catch (const precondition_failed_error& e) {
        return report(path, e.what(), exit_status::refused);
    } catch (const invalid_request& e) {
        return report(path, e.what(), exit_status::refused);
    } catch (const transport_error& e) {
        if (e.failure() == transport_failure::cancelled || interruption_token().stop_requested())
            return report(path, "interrupted", exit_status::interrupted);
        return report(path, e.what(), exit_status::unreachable);
    } catch (const std::exception& e) {
        if (interruption_token().stop_requested()) return report(path, "interrupted", exit_status::interrupted);
        return report(path, e.what(), exit_status::failed);
    }
}

}  // namespace

int dispatch(const command& root, int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const command* node = &root;
    std::string path = root.name;
    std::size_t next = 0;
    while (!node->children.empty()) {
        if (next == args.size()) {
            print_group_help(*node, path, node == &root ? std::cout : std::cerr);
            return node == &root ? exit_status::ok : exit_status::usage;
        }
        const auto& word = args[next];
        if (word == "--help" || word == "-h") {
            print_group_help(*node, path, std::cout);
            return exit_status::ok;
        }
        const command* child = find_child(*node, word);
        if (!child) {
            std::cerr << path << ": unknown command '" << word << "'\n\n";
            print_group_help(*node, path, std::cerr);
            return exit_status::usage;
        }
        node = child;
        path += " " + word;
        ++next;
    }
    if (node->raw) {
        std::vector<std::string> words{path};
        words.insert(words.end(), args.begin() + static_cast<std::ptrdiff_t>(next), args.end());
        std::vector<char*> raw_argv;
        for (auto& w : words) raw_argv.push_back(w.data());
        raw_argv.push_back(nullptr);
        return node->raw(static_cast<int>(words.size()), raw_argv.data());
    }
    watch_interruptions();
    return run_leaf(*node, path, {args.begin() + static_cast<std::ptrdiff_t>(next), args.end()});
}

void write_bash_completion(const command& root, std::ostream& out) {
    // State = the command path so far; words = what may come next in that state.
    std::map<std::string, std::string> next_state, words;
    const auto add_word = [](std::string& list, const std::string& word) {
        if (!list.empty()) list += ' ';
        list += word;
    };
    const std::function<void(const command&, const std::string&)> visit = [&](const command& node, const std::string& state) {
        std::string& here = words[state];
        for (const auto& child : node.children) {
            add_word(here, child.name);
            const auto child_state = state + " " + child.name;
            next_state[state + "|" + child.name] = child_state;
            visit(child, child_state);
        }
        if (node.children.empty() && !node.raw) {
            const auto options = visible_options(node);
            for (const auto& option : options.options()) {
                std::string name = "--";
                name += option->long_name();
                add_word(here, name);
            }
        } else {
            add_word(here, "--help");
        }
    };
    visit(root, root.name);  // bash refuses an empty key
    const auto quoted = [](const std::string& s) { return "'" + s + "'"; };  // names hold no quote
    out << "# bash completion for " << root.name << ": source <(" << root.name << " completion bash)\n";
    out << "declare -gA _beezup_next=(";
    for (const auto& [key, value] : next_state) out << " [" << quoted(key) << "]=" << quoted(value);
    out << " )\ndeclare -gA _beezup_words=(";
    for (const auto& [key, value] : words) out << " [" << quoted(key) << "]=" << quoted(value);
    out << " )\n"
           "_beezup() {\n"
           "  local state=" << quoted(root.name) << " i word\n"
           "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
           "    word=${COMP_WORDS[i]}\n"
           "    if [[ -n ${_beezup_next[\"$state|$word\"]+set} ]]; then state=${_beezup_next[\"$state|$word\"]}; fi\n"
           "  done\n"
           "  COMPREPLY=($(compgen -W \"${_beezup_words[$state]}\" -- \"${COMP_WORDS[COMP_CWORD]}\"))\n"
           "}\n"
           "complete -o default -F _beezup "
        << root.name << "\n";
}

}  // namespace beezup::cli
