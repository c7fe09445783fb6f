using Ninsho.Core.Pools;

namespace Ninsho.Server.LogDelivery;

/// <summary>Registers log delivery (docs/operations.md#log-delivery). Called before the SMTP services and Ninsho.Core
/// so that its writer stops after them at shutdown (hosted services stop in reverse order): the delivery failures
/// they report while draining are still written.</summary>
internal static class LogDeliveryServices
{
    public static void Add(IServiceCollection services, LogDestinations destinations)
    {
        services.AddSingleton(destinations);
        services.AddSingleton(new PoolLogExport(enabled: destinations.Any));
        if (destinations.Any)
        {
            // The OTLP destinations' logger providers, made at their first record; the container disposes them.
            services.AddSingleton<OtlpLogDelivery>();
            services.AddHostedService<PoolLogWriter>();
        }
    }
}
