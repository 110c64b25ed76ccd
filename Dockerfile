# Build and run image for Docker hosts (see docker-compose.yml). The run stage is Debian 12, the system
# the test suite runs on, so the packages and paths below are the ones the tests exercise.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

FROM debian:bookworm-slim
# What the service needs at run time:
#   openjdk-17-jre-headless  the Java 17 runtime
#   gdal-bin                 ogr2ogr, for shapefile / GeoPackage parcel imports
#   fonts-noto-cjk           Noto Sans CJK, embedded in report PDFs; goafwatch.report.font-regular / font-bold
#                            default to Debian's /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc
#   curl                     the health check below
# (slim images drop /usr/share/man, where the JRE's post-install links its manual pages)
RUN mkdir -p /usr/share/man/man1 \
    && apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless gdal-bin fonts-noto-cjk curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# an unprivileged user; the spool of accepted sensor data is a volume it owns
RUN useradd --system --home-dir /app --shell /usr/sbin/nologin goafwatch \
    && mkdir -p /var/lib/goafwatch/spool && chown -R goafwatch /var/lib/goafwatch
WORKDIR /app
COPY --from=build /src/target/goafwatch.jar /app/goafwatch.jar
COPY gis-data /app/gis-data
ENV GOAFWATCH_SPOOL_DIR=/var/lib/goafwatch/spool
VOLUME /var/lib/goafwatch/spool
USER goafwatch
EXPOSE 8080
# readiness: 503 while PostgreSQL is away (curl -f fails on it); InfluxDB away only degrades (still 200)
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-Xmx512m", "-jar", "/app/goafwatch.jar"]
