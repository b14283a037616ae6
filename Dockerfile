# syntax=docker/dockerfile:1
# The Lanes worker image: one image for every `lanes` command (run, topics, produce, dlt,
# fake-dependency). Build: docker build -t lanes .
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

# Whole src trees, tests included: -DskipTests skips running tests, not compiling them, and
# `-am` brings test-kit (a test dependency of worker-app) into the reactor.
COPY topics/src topics/src
COPY embedded-kafka/src embedded-kafka/src
COPY test-kit/src test-kit/src
COPY worker-core/src worker-core/src
COPY worker-app/src worker-app/src

# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl worker-app -am package -DskipTests -Dspotless.check.skip=true

# ---- runtime --------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

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
