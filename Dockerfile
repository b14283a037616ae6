# syntax=docker/dockerfile:1
# Two images from one build:
#   docker build -t lanes .                              the worker (default target): run, topics,
#                                                        produce, dlt, config. No kafka_2.13.
#   docker build --target tools -t lanes-tools .         the worker plus the tools: fake-dependency,
#                                                        broker, demo, bench (compose's fake-dependency
#                                                        service uses it).
# Two images rather than the tools' jars in a second directory of one image: a worker image that
# does not load Kafka's broker should not ship it either (size, and CVE scans of a server it never
# runs). The tools image adds one layer on top of the worker's, so it costs little to build.
#
# Extra handlers: any jar holding a HandlerProvider (ServiceLoader) placed in /opt/lanes/handlers
# is loaded by `lanes run --handlers-dir /opt/lanes/handlers` (the default CMD). Mount a directory
# there (-v ./handlers:/opt/lanes/handlers:ro) or bake jars in with a derived image:
#   FROM lanes
#   COPY my-handlers.jar /opt/lanes/handlers/

# ---- build ----------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src

# Poms first: a change in the sources then keeps this layer (and the resolved plugins) cached.
COPY pom.xml ./
COPY topics/pom.xml topics/
COPY embedded-kafka/pom.xml embedded-kafka/
COPY test-kit/pom.xml test-kit/
COPY worker-core/pom.xml worker-core/
COPY worker-app/pom.xml worker-app/
COPY console/pom.xml console/
COPY lanes-tools/pom.xml lanes-tools/
# Not built here, but Maven reads every module of the root pom, even with -pl.
COPY benchmarks/pom.xml benchmarks/
COPY lanes-bom/pom.xml lanes-bom/

# Whole src trees, tests included: -DskipTests skips running tests, not compiling them, and
# `-am` brings test-kit (a test dependency of worker-app) into the reactor. lanes-tools depends on
# worker-app and the console, so one build makes both distributions (the tools one with
# `lanes console`).
COPY topics/src topics/src
COPY embedded-kafka/src embedded-kafka/src
COPY test-kit/src test-kit/src
COPY worker-core/src worker-core/src
COPY worker-app/src worker-app/src
COPY console/src console/src
COPY lanes-tools/src lanes-tools/src

# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl lanes-tools -am package -DskipTests -Dspotless.check.skip=true

# ---- worker runtime -------------------------------------------------------------------------
FROM eclipse-temurin:17-jre AS worker-runtime

# curl only serves the HEALTHCHECK below (and compose's).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 lanes \
 && useradd --system --uid 10001 --gid lanes --home-dir /opt/lanes --no-create-home \
      --shell /usr/sbin/nologin lanes

WORKDIR /opt/lanes
# lanes.jar finds its dependencies through its manifest's Class-Path (lib/...), so the two must
# stay side by side. Owned by root: the process only reads them.
COPY --from=build /src/worker-app/target/lib/ /opt/lanes/lib/
COPY --from=build /src/worker-app/target/lanes.jar /opt/lanes/lanes.jar
# Must exist: `run --handlers-dir` refuses a directory that is not there. Empty by default.
RUN mkdir -p /opt/lanes/handlers

# Size the heap from the container's memory limit rather than the host's RAM, and let the
# orchestrator restart a worker that ran out of memory instead of leaving it half alive.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001

# /health/live, /health/ready, /metrics (http.port, default 8080).
EXPOSE 8080

# Liveness, not readiness: a broker outage makes a worker unready, and a restart would not fix it.
# The start period covers startup, when lanes are CREATED until the topics are checked.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/health/live || exit 1

ENTRYPOINT ["java", "-jar", "/opt/lanes/lanes.jar"]
CMD ["run", "--handlers-dir", "/opt/lanes/handlers"]

# ---- tools: the worker image plus lanes-tools -----------------------------------------------
FROM worker-runtime AS tools
# lanes-tools.jar finds the worker's jar and every dependency, kafka_2.13 included, in its own
# lib/ (manifest Class-Path), so this directory stands alone beside the worker's.
COPY --from=build /src/lanes-tools/target/lib/ /opt/lanes/tools/lib/
COPY --from=build /src/lanes-tools/target/lanes-tools.jar /opt/lanes/tools/lanes-tools.jar
# The worker's liveness check means nothing to a tool; compose gives fake-dependency its own.
HEALTHCHECK NONE
ENTRYPOINT ["java", "-jar", "/opt/lanes/tools/lanes-tools.jar"]
CMD ["--help"]

# ---- worker: the default target (last stage), what `docker build -t lanes .` makes ---------
FROM worker-runtime AS worker
