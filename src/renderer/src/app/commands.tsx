import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';

/** What a keyboard shortcut (or a menu) can ask of whichever screen is open. */
export type CommandName = 'focus-search';

interface Commands {
  /** Runs the command if a mounted screen offers it; nothing otherwise. */
  run(name: CommandName): void;
  register(name: CommandName, handler: () => void): () => void;
}

const CommandsContext = createContext<Commands | null>(null);

export function CommandsProvider({ children }: { children: ReactNode }) {
  const commands = useMemo<Commands>(() => {
    const handlers = new Map<CommandName, () => void>();
    return {
      run: (name) => handlers.get(name)?.(),
      register: (name, handler) => {
        handlers.set(name, handler);
        return () => {
          if (handlers.get(name) === handler) handlers.delete(name);
        };
      },
    };
  }, []);
  return <CommandsContext.Provider value={commands}>{children}</CommandsContext.Provider>;
}

export function useCommands(): Commands {
  const commands = useContext(CommandsContext);
  if (!commands) throw new Error('useCommands needs a CommandsProvider');
  return commands;
}

/** Offers a command while the calling component is mounted. */
export function useCommand(name: CommandName, handler: () => void): void {
  const { register } = useCommands();
  useEffect(() => register(name, handler), [register, name, handler]);
}
