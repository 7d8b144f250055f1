/** Router state that opens the New connection dialog on arrival (the overview's getting-started link). */
export interface NewConnectionState {
  newConnection: true
}

export function wantsNewConnection(state: unknown): boolean {
  return (state as Partial<NewConnectionState> | null)?.newConnection === true
}
