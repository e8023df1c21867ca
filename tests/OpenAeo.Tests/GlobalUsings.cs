// The namespaces most app tests open (HTTP, JSON, the database and the service container), none of them a capability's:
// a capability a test uses stays a using line of its own, so what a test reaches into reads at its top.
global using System.Net;
global using System.Net.Http.Json;
global using System.Text;
global using System.Text.Json;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using OpenAeo.Platform.Audit;
global using OpenAeo.Platform.Persistence;
