// The shared kernel (results, errors, limits) nearly every file opens; not a capability. A capability's namespace is never
// global: the convention test that finds cycles between capabilities reads each file's own using lines.
global using OpenAeo.Domain.Shared;
