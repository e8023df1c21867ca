// The namespaces nearly every use-case file opens, none of them a capability. A capability's namespace is never global:
// the convention test that finds cycles between capabilities reads each file's own using lines.
global using System.Security.Claims;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using OpenAeo.Domain.Shared;
global using OpenAeo.Platform.Audit;
global using OpenAeo.Platform.Persistence;
global using OpenAeo.Platform.Web;
