# Build and run image for Docker hosts (see docker-compose.yml). GDAL is needed at run time for
# shapefile / GeoPackage imports.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends gdal-bin curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/goafwatch.jar /app/goafwatch.jar
COPY gis-data /app/gis-data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --retries=10 CMD curl -fs http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-Xmx512m", "-jar", "/app/goafwatch.jar"]
