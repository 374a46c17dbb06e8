/**
 * The static-site example (resources/examples/static-site) as lesson 5 names and shows it: the
 * image's name its texts and checks use (lesson 6 runs it), and its Dockerfile without the comments,
 * for a learner who makes the folder by hand in a terminal.
 */
export const SITE_IMAGE = 'my-site';

export const SITE_DOCKERFILE = `FROM busybox
COPY index.html /www/index.html
EXPOSE 8080
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
`;
