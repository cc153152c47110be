# syntax=docker/dockerfile:1
#
# DataCare WhatsApp Platform: a two-stage build. The JDK stage (with Node.js 20 for the console) builds every
# module with the Maven wrapper (tests run in CI, not here) and splits the Spring Boot jar into its layers; the JRE stage
# copies the layers separately, so a code change rebuilds only the small "application" layer.
# Configuration comes from the environment (docs/operations.md lists every variable).

FROM node:20-bookworm-slim AS node

FROM eclipse-temurin:17-jdk AS build
# The console (web/) is built by the Maven build with npm: Node.js 20 comes from the official image.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /workspace
COPY . .
# The Maven repository, npm's cache and the wrapper's Maven download live in build caches, not in the image.
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    chmod +x mvnw \
    && ./mvnw -B -DskipTests package \
    && cp app/target/app-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 datacare \
    && useradd --system --uid 10001 --gid datacare --home-dir /app --shell /usr/sbin/nologin datacare
WORKDIR /app
# Least often changed first. snapshot-dependencies may be empty (our own modules are in "application").
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# ./data is where the embedded H2 database goes when DATABASE_URL is not set.
RUN mkdir -p /app/data && chown datacare:datacare /app/data
USER datacare

ENV PORT=3000 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://localhost:${PORT}/actuator/health/liveness" || exit 1

# exec: the JVM is PID 1 and receives SIGTERM, so the graceful shutdown in application.yml runs.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "--"]
