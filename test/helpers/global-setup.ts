// Starts the services the suites share. Filled in by the walking skeleton (Temporal, MariaDB check).
export default async function setup(): Promise<void> {}
