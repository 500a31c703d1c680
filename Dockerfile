# syntax=docker/dockerfile:1
# Agendador CNPJ: one image for every role (api, worker, scheduler), chosen with AGENDADOR_ROLES.
#   docker build -t agendador-cnpj .
# The build stage compiles with the Maven wrapper (tests are the CI's job, not the image's) and
# splits Spring Boot's jar into layers, so a code change rebuilds only the last, small layer.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Dependencies first, in a layer of their own that survives source changes.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
    && cp target/agendador-cnpj-*.jar application.jar \
    && java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
# curl for the HEALTHCHECK only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system agendador && useradd --system --gid agendador --home-dir /app agendador \
    && mkdir -p /app/data && chown agendador:agendador /app/data
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER agendador
# The heap follows the container's memory limit; the rest is for metaspace, threads and the
# JDBC/HTTP buffers. The embedded PostgreSQL (used only without SPRING_DATASOURCE_URL) and
# open-data downloads live under /app/data: mount a volume there.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError" \
    AGENDADOR_EMBEDDED_DB_DIR=/app/data/postgres \
    AGENDADOR_OPEN_DATA_DOWNLOAD_DIR=/app/data/open-data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=5 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
