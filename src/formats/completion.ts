/**
 * Shell completion scripts for `rel completion bash|zsh|fish`, generated from a description of
 * the commands so they can't drift from the real CLI. The scripts complete command names,
 * flags, vocabulary words after flags such as `--circle`, file paths, and contact names, which
 * they get at completion time from `rel completion --names` (one name per line).
 */
import {
  CHANNELS, CIRCLES, GIVE_KINDS, INITIATORS, LEARNED_KINDS, PUSH_AWAY_KINDS, STAGES, TONES,
} from '../domain/vocab.js';

export type CompletionShell = 'bash' | 'zsh' | 'fish';

/**
 * What to offer for a flag's value or a positional argument: fixed words, contact names
 * (`names`), file paths (`files`), or nothing (`[]`: free text such as `--note`).
 */
export type CompletionValues = readonly string[] | 'names' | 'files';

export interface CompletionCommand {
  name: string;
  /** Every flag the command accepts, long (`--circle`) or short (`-y`). */
  flags: readonly string[];
  /** Positional arguments. Default `names` (most commands take NAME). */
  positional?: CompletionValues | 'none';
}

export interface CompletionSpec {
  commands: readonly CompletionCommand[];
  /**
   * Every flag that takes a value, with what to offer for it. A flag missing here is taken as
   * a switch, so the word after it is read as the command or a NAME.
   */
  words: Readonly<Record<string, CompletionValues>>;
  /** Flags valid before any command (`--db`, `--help`, `--version`). */
  globalFlags?: readonly string[];
}

/** The vocabulary flags of the CLI and their words (../shared/domain.md section 6). */
export const VOCABULARY_COMPLETIONS: Readonly<Record<string, readonly string[]>> = {
  '--circle': CIRCLES,
  '--channel': CHANNELS,
  '--by': INITIATORS,
  '--tone': TONES,
  '--gave': GIVE_KINDS,
  '--got': GIVE_KINDS,
  '--push-away': PUSH_AWAY_KINDS,
  '--format': ['jsonl', 'csv', 'vcard', 'ics'],
  // `--learned need:TEXT`: the kind and its colon, the text is the user's.
  '--learned': LEARNED_KINDS.map((k) => `${k}:`),
  '--stage': STAGES.map(String),
};

// Everything below is pasted into shell code, so only plain words are accepted.
const SAFE_WORD = /^[A-Za-z0-9_.:@+-]+$/;
const SAFE_FLAG = /^--?[A-Za-z0-9][A-Za-z0-9-]*$/;

function check(spec: CompletionSpec): void {
  const bad = (what: string, v: string): never => {
    throw new Error(`completion: ${what} ${JSON.stringify(v)} is not a plain word`);
  };
  for (const c of spec.commands) {
    if (!SAFE_WORD.test(c.name)) bad('command', c.name);
    for (const f of c.flags) if (!SAFE_FLAG.test(f)) bad('flag', f);
    if (Array.isArray(c.positional)) for (const w of c.positional) if (!SAFE_WORD.test(w)) bad('word', w);
  }
  for (const f of spec.globalFlags ?? []) if (!SAFE_FLAG.test(f)) bad('flag', f);
  for (const [f, values] of Object.entries(spec.words)) {
    if (!SAFE_FLAG.test(f)) bad('flag', f);
    if (Array.isArray(values)) for (const w of values) if (!SAFE_WORD.test(w)) bad('word', w);
  }
}

export function completionScript(shell: CompletionShell, spec: CompletionSpec): string {
  check(spec);
  switch (shell) {
    case 'bash': return bashScript(spec);
    case 'zsh': return zshScript(spec);
    case 'fish': return fishScript(spec);
  }
}

function valueFlags(spec: CompletionSpec): string[] {
  return Object.keys(spec.words).sort();
}

function positionalOf(c: CompletionCommand): CompletionValues | 'none' {
  return c.positional ?? 'names';
}

/** Flags whose value is a prefix followed by more text (no space after completing it). */
function isPrefixWord(values: CompletionValues): boolean {
  return Array.isArray(values) && values.length > 0 && values.every((w) => w.endsWith(':'));
}

// ---- bash (3.2+ compatible: no ${x,,}, no mapfile)

function bashScript(spec: CompletionSpec): string {
  const vf = valueFlags(spec);
  const valueCases = vf.map((f) => {
    const v = spec.words[f]!;
    if (v === 'names') return `    ${f}) _rel_names "$cur"; return ;;`;
    if (v === 'files') return `    ${f}) _rel_files "$cur"; return ;;`;
    if (v.length === 0) return `    ${f}) return ;;`;
    const nospace = isPrefixWord(v) ? '; compopt -o nospace 2>/dev/null' : '';
    return `    ${f}) COMPREPLY=($(compgen -W "${v.join(' ')}" -- "$cur"))${nospace}; return ;;`;
  });
  const flagCases = spec.commands.map((c) => `      ${c.name}) flags="${c.flags.join(' ')}" ;;`);
  const positionalCases = spec.commands.flatMap((c) => {
    const p = positionalOf(c);
    if (p === 'none') return [];
    if (p === 'names') return [`    ${c.name}) _rel_names "$cur" ;;`];
    if (p === 'files') return [`    ${c.name}) _rel_files "$cur" ;;`];
    return [`    ${c.name}) COMPREPLY=($(compgen -W "${p.join(' ')}" -- "$cur")) ;;`];
  });
  return `# bash completion for rel.
# Load it now:   source <(rel completion bash)
# Or for good:   rel completion bash > ~/.local/share/bash-completion/completions/rel

# Contact names from the journal, matched case-insensitively, escaped for the command line.
_rel_names() {
  local cur=$1 line restore
  cur=\${cur//\\\\ / }
  cur=\${cur#[\\"\\']}
  restore=$(shopt -p nocasematch)
  shopt -s nocasematch
  while IFS= read -r line; do
    if [[ -n $line && $line == "$cur"* ]]; then
      COMPREPLY+=("$(printf '%q' "$line")")
    fi
  done < <(command rel completion --names 2>/dev/null)
  $restore
}

_rel_files() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -f -- "$1"))
  compopt -o filenames 2>/dev/null
}

_rel() {
  local cur prev cmd='' flags='' w i skip=0
  COMPREPLY=()
  cur=\${COMP_WORDS[COMP_CWORD]}
  prev=\${COMP_WORDS[COMP_CWORD-1]}
  # bash splits --flag=value at the '='.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = ]]; then
    prev=\${COMP_WORDS[COMP_CWORD-2]}
  fi

  case $prev in
${valueCases.join('\n')}
  esac

  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if ((skip)); then
      [[ $w == = ]] || skip=0
      continue
    fi
    case $w in
      ${vf.length > 0 ? vf.join('|') : '--rel-no-value-flags'}) skip=1 ;;
      -*) ;;
      *) cmd=$w; break ;;
    esac
  done

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "${(spec.globalFlags ?? []).join(' ')}" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "${spec.commands.map((c) => c.name).join(' ')}" -- "$cur"))
    fi
    return
  fi

  if [[ $cur == -* ]]; then
    case $cmd in
${flagCases.join('\n')}
    esac
    COMPREPLY=($(compgen -W "$flags ${(spec.globalFlags ?? []).join(' ')}" -- "$cur"))
    return
  fi

  case $cmd in
${positionalCases.join('\n')}
  esac
}

complete -F _rel rel
`;
}

// ---- zsh

function zshScript(spec: CompletionSpec): string {
  const vf = valueFlags(spec);
  const valueCases = vf.map((f) => {
    const v = spec.words[f]!;
    if (v === 'names') return `    ${f}) _rel_names; return 0 ;;`;
    if (v === 'files') return `    ${f}) _files; return 0 ;;`;
    if (v.length === 0) return `    ${f}) _message 'a value'; return 0 ;;`;
    const suffix = isPrefixWord(v) ? "-S '' " : '';
    return `    ${f}) compadd ${suffix}-- ${v.join(' ')}; return 0 ;;`;
  });
  const flagCases = spec.commands.map((c) => `    ${c.name}) flags=(${c.flags.join(' ')}) ;;`);
  const positionalCases = spec.commands.flatMap((c) => {
    const p = positionalOf(c);
    if (p === 'none') return [];
    if (p === 'names') return [`    ${c.name}) _rel_names ;;`];
    if (p === 'files') return [`    ${c.name}) _files ;;`];
    return [`    ${c.name}) compadd -- ${p.join(' ')} ;;`];
  });
  return `#compdef rel
# zsh completion for rel.
# Load it now (after compinit):   source <(rel completion zsh)
# Or for good: rel completion zsh > "\${fpath[1]}/_rel"

_rel_names() {
  local -a names
  names=("\${(@f)$(command rel completion --names 2>/dev/null)}")
  names=(\${names:#})
  compadd -M 'm:{[:lower:][:upper:]}={[:upper:][:lower:]}' -- "\${names[@]}"
}

# Offers the value of flag $1; fails when $1 takes no value.
_rel_value() {
  case $1 in
${valueCases.join('\n')}
  esac
  return 1
}

_rel() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmd= w i skip=0
  local -a flags
  if [[ $cur == --*=* ]]; then
    local flag=\${cur%%=*}
    compset -P '*='
    _rel_value "$flag"
    return
  fi
  _rel_value "$prev" && return

  for (( i = 2; i < CURRENT; i++ )); do
    w=\${words[i]}
    if (( skip )); then
      skip=0
      continue
    fi
    case $w in
      ${vf.length > 0 ? vf.join('|') : '--rel-no-value-flags'}) skip=1 ;;
      --*=*|-*) ;;
      *) cmd=$w; break ;;
    esac
  done

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      compadd -- ${(spec.globalFlags ?? []).join(' ')}
    else
      compadd -- ${spec.commands.map((c) => c.name).join(' ')}
    fi
    return
  fi

  if [[ $cur == -* ]]; then
    case $cmd in
${flagCases.join('\n')}
    esac
    compadd -- $flags ${(spec.globalFlags ?? []).join(' ')}
    return
  fi

  case $cmd in
${positionalCases.join('\n')}
  esac
}

if [[ \${funcstack[1]} == _rel ]]; then
  _rel "$@"
else
  compdef _rel rel
fi
`;
}

// ---- fish

function fishScript(spec: CompletionSpec): string {
  const vf = valueFlags(spec);
  const out: string[] = [
    '# fish completion for rel.',
    '# Load it now:   rel completion fish | source',
    '# Or for good:   rel completion fish > ~/.config/fish/completions/rel.fish',
    '',
    'function __rel_names',
    '    command rel completion --names 2>/dev/null',
    'end',
    '',
    '# Prints the command word typed so far (skipping flags and their values); fails if none.',
    'function __rel_command',
    '    set -l skip 0',
    '    for w in (commandline -opc)[2..-1]',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        switch $w',
    ...(vf.length > 0 ? [`            case ${vf.join(' ')}`, '                set skip 1'] : []),
    "            case '-*'",
    "            case '*'",
    '                echo $w',
    '                return 0',
    '        end',
    '    end',
    '    return 1',
    'end',
    '',
    'function __rel_using',
    '    set -l cmd (__rel_command); or return 1',
    '    contains -- $cmd $argv',
    'end',
    '',
    'complete -c rel -f',
    `complete -c rel -n 'not __rel_command >/dev/null' -a '${spec.commands.map((c) => c.name).join(' ')}'`,
  ];
  const flagOption = (flag: string): string => (flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`);
  const valueOption = (flag: string): string => {
    const v = spec.words[flag];
    if (v === undefined) return '';
    if (v === 'names') return " -x -a '(__rel_names)'";
    if (v === 'files') return ' -r -F';
    if (v.length === 0) return ' -x';
    return ` -x -a '${v.join(' ')}'`;
  };
  for (const f of spec.globalFlags ?? []) out.push(`complete -c rel ${flagOption(f)}${valueOption(f)}`);
  // One line per flag, valid for every command that has it.
  const users = new Map<string, string[]>();
  for (const c of spec.commands) for (const f of c.flags) users.set(f, [...(users.get(f) ?? []), c.name]);
  for (const [flag, cmds] of [...users.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    out.push(`complete -c rel -n '__rel_using ${cmds.join(' ')}' ${flagOption(flag)}${valueOption(flag)}`);
  }
  for (const c of spec.commands) {
    const p = positionalOf(c);
    if (p === 'none') continue;
    const cond = `-n '__rel_using ${c.name}'`;
    if (p === 'names') out.push(`complete -c rel ${cond} -a '(__rel_names)'`);
    else if (p === 'files') out.push(`complete -c rel ${cond} -F`);
    else out.push(`complete -c rel ${cond} -a '${p.join(' ')}'`);
  }
  return out.join('\n') + '\n';
}
