# Shared by the release scripts (sourced, not run).
# meshkit_version ROOT: the project version from the parent POM.
meshkit_version() {
  sed -n '/<artifactId>meshkit-parent<\/artifactId>/,/<\/version>/s|.*<version>\(.*\)</version>.*|\1|p' "$1/pom.xml" | head -n 1
}

# isolated_settings FILE LOCAL_REPO RELEASE_REPO: a settings.xml whose local repository is a fresh
# directory and whose only repositories are files: RELEASE_REPO (the deployed release, searched
# first, so io.meshkit can come from nowhere else) and, mirroring everything else, the read-only
# ~/.m2 cache used as a plain file repository for the third-party artifacts and Maven's plugins.
# Nothing is downloaded and nothing is written to ~/.m2.
isolated_settings() {
  local file="$1" local_repo="$2" release_repo="$3" cache="${MESHKIT_M2_CACHE:-$HOME/.m2/repository}"
  mkdir -p "$local_repo"
  cat > "$file" <<XML
<settings>
  <localRepository>$local_repo</localRepository>
  <mirrors>
    <mirror>
      <id>m2-cache</id>
      <mirrorOf>*,!meshkit-release</mirrorOf>
      <url>file://$cache</url>
    </mirror>
  </mirrors>
  <profiles>
    <profile>
      <id>meshkit-release</id>
      <repositories>
        <repository>
          <id>meshkit-release</id>
          <url>file://$release_repo</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>meshkit-release</id>
          <url>file://$release_repo</url>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>meshkit-release</activeProfile></activeProfiles>
</settings>
XML
}

# user_home DIR LOCAL_REPO: a user home for Maven (MAVEN_OPTS=-Duser.home=DIR) whose settings.xml has a
# fresh local repository and reads Maven Central from the ~/.m2 cache as a file repository: a command
# run exactly as a user types it (`mvn test`) then resolves io.meshkit from the repositories its
# pom.xml names, downloads nothing, and writes nothing to ~/.m2.
user_home() {
  local dir="$1" local_repo="$2" cache="${MESHKIT_M2_CACHE:-$HOME/.m2/repository}"
  mkdir -p "$dir/.m2" "$local_repo"
  cat > "$dir/.m2/settings.xml" <<XML
<settings>
  <localRepository>$local_repo</localRepository>
  <mirrors>
    <mirror>
      <id>central-from-cache</id>
      <mirrorOf>central</mirrorOf>
      <url>file://$cache</url>
    </mirror>
  </mirrors>
</settings>
XML
}
