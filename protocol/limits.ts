// Limits shared by several parts of the protocol. Dependency-free, so any schema module may import it.

/** The longest message (and saved reply, and reviewed draft), in characters. */
export const MAX_MESSAGE_LENGTH = 4000;
