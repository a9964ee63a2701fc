/** The password rule both ends state: the server enforces it, the client says it before anyone types. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
