module.exports = { entry: './src/index.js', plugins: [new Banner('Built for the shop help centre, do not edit')] };
