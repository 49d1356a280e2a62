# syntax=docker/dockerfile:1
# The `chroniccare` program for docker-compose.yml (service chroniccare-run). Build: docker build -t chroniccare-monitor .
#
# The .NET 10 images are Ubuntu 24.04 (Microsoft ships no Debian images for .NET 10). The runtime image is
# `aspnet`, not `runtime`: the program references the shared framework Microsoft.AspNetCore.App (hosting, options,
# logging), which the plain `runtime` image lacks.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# global.json is left out on purpose: it pins the SDK of the development machines (10.0.4xx); here the image's
# SDK is the pin.
COPY nuget.config Directory.Build.props Directory.Packages.props ./
# The placeholder librdkafka.redist package that nuget.config maps to (Confluent.Kafka 1.9.3 depends on it; the
# native library comes from the distribution's librdkafka below).
COPY build/packages/ build/packages/
# Project files first, so that the restore layer is reused while only sources change.
COPY src/ChronicCare.Monitor.Core/ChronicCare.Monitor.Core.csproj src/ChronicCare.Monitor.Core/
COPY src/ChronicCare.Monitor.Files/ChronicCare.Monitor.Files.csproj src/ChronicCare.Monitor.Files/
COPY src/ChronicCare.Monitor.Simulation/ChronicCare.Monitor.Simulation.csproj src/ChronicCare.Monitor.Simulation/
COPY src/ChronicCare.Monitor.Streaming/ChronicCare.Monitor.Streaming.csproj src/ChronicCare.Monitor.Streaming/
COPY src/ChronicCare.Monitor.Kafka/ChronicCare.Monitor.Kafka.csproj src/ChronicCare.Monitor.Kafka/
COPY src/ChronicCare.Monitor.Redis/ChronicCare.Monitor.Redis.csproj src/ChronicCare.Monitor.Redis/
COPY src/ChronicCare.Monitor.ClickHouse/ChronicCare.Monitor.ClickHouse.csproj src/ChronicCare.Monitor.ClickHouse/
COPY src/ChronicCare.Monitor.Analytics/ChronicCare.Monitor.Analytics.csproj src/ChronicCare.Monitor.Analytics/
COPY src/ChronicCare.Monitor.Sqlite/ChronicCare.Monitor.Sqlite.csproj src/ChronicCare.Monitor.Sqlite/
COPY src/ChronicCare.Monitor.Modeling/ChronicCare.Monitor.Modeling.csproj src/ChronicCare.Monitor.Modeling/
COPY src/ChronicCare.Monitor.Telemetry/ChronicCare.Monitor.Telemetry.csproj src/ChronicCare.Monitor.Telemetry/
COPY src/ChronicCare.Monitor.Cli/ChronicCare.Monitor.Cli.csproj src/ChronicCare.Monitor.Cli/
RUN dotnet restore src/ChronicCare.Monitor.Cli/ChronicCare.Monitor.Cli.csproj
COPY src/ src/
# The trained outlier models (R15): the CLI project copies models/outlier-v*/model.json beside the program.
COPY models/ models/
RUN dotnet publish src/ChronicCare.Monitor.Cli/ChronicCare.Monitor.Cli.csproj -c Release --no-restore \
      -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Confluent.Kafka 1.9.3 uses the distribution's librdkafka: librdkafka1 is the library, librdkafka-dev adds the
# unversioned librdkafka.so that .NET's native library probing looks for.
RUN apt-get update \
 && apt-get install -y --no-install-recommends librdkafka1 librdkafka-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY pipelines/policies/ /app/policies/
# `run` and `triage` read pipelines/reviewers.json relative to the working directory (/app).
COPY pipelines/reviewers.json /app/pipelines/reviewers.json
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/chroniccare.dll"]
CMD ["--help"]
