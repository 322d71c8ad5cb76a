/**
 * The words of the generated store: common Indian given names and surnames, the email providers
 * Indian shoppers use, cities with their states weighted roughly by online shoppers, and the tags
 * a store admin typically sets.
 */

export const FIRST_NAMES: readonly string[] = (
  'Aarav Vivaan Aditya Vihaan Arjun Sai Reyansh Ayaan Krishna Ishaan Rohan Rahul Amit ' +
  'Suresh Ramesh Vikram Karan Nikhil Pranav Siddharth Manoj Rajesh Sanjay Deepak Anil Harsh ' +
  'Kunal Abhishek Gaurav Varun Mohammed Imran Farhan Gurpreet Harpreet Joseph Thomas ' +
  'Venkatesh Srinivas Karthik Arun Murugan Ananya Diya Aadhya Saanvi Ishita Priya Pooja ' +
  'Neha Sneha Kavya Riya Anjali Divya Meera Lakshmi Sunita Anita Deepika Shreya Nandini ' +
  'Aishwarya Swati Shalini Rekha Geeta Pallavi Fatima Ayesha Simran Manpreet Mary Lavanya ' +
  'Keerthi Bhavana Tanvi'
).split(' ');

export const LAST_NAMES: readonly string[] = (
  'Sharma Verma Gupta Singh Kumar Patel Shah Mehta Joshi Desai Reddy Rao Naidu Iyer Iyengar ' +
  'Nair Menon Pillai Krishnan Subramanian Banerjee Chatterjee Mukherjee Das Bose Ghosh Sen ' +
  'Chowdhury Kulkarni Deshpande Patil Jadhav Pawar Agarwal Bansal Jain Malhotra Kapoor ' +
  'Khanna Chopra Arora Sethi Gill Sandhu Khan Ahmed Qureshi Siddiqui Fernandes DSouza ' +
  'Mishra Tiwari Pandey Dubey Yadav Chauhan Thakur'
).split(' ');

export const FIRST_LOWER = FIRST_NAMES.map((name) => name.toLowerCase());
export const LAST_LOWER = LAST_NAMES.map((name) => name.toLowerCase());

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 62],
  ['yahoo.co.in', 9],
  ['yahoo.com', 5],
  ['outlook.com', 7],
  ['hotmail.com', 5],
  ['rediffmail.com', 6],
  ['icloud.com', 3],
  ['live.in', 3],
];

export const CITIES: readonly (readonly [string, string, number])[] = [
  ['Mumbai', 'Maharashtra', 12],
  ['Delhi', 'Delhi', 12],
  ['Bengaluru', 'Karnataka', 11],
  ['Hyderabad', 'Telangana', 8],
  ['Chennai', 'Tamil Nadu', 7],
  ['Kolkata', 'West Bengal', 7],
  ['Pune', 'Maharashtra', 6],
  ['Ahmedabad', 'Gujarat', 5],
  ['Jaipur', 'Rajasthan', 4],
  ['Lucknow', 'Uttar Pradesh', 3],
  ['Surat', 'Gujarat', 3],
  ['Kochi', 'Kerala', 3],
  ['Chandigarh', 'Chandigarh', 2],
  ['Indore', 'Madhya Pradesh', 2],
  ['Bhopal', 'Madhya Pradesh', 2],
  ['Nagpur', 'Maharashtra', 2],
  ['Coimbatore', 'Tamil Nadu', 2],
  ['Visakhapatnam', 'Andhra Pradesh', 2],
  ['Patna', 'Bihar', 2],
  ['Guwahati', 'Assam', 1],
  ['Bhubaneswar', 'Odisha', 1],
  ['Thiruvananthapuram', 'Kerala', 1],
  ['Ludhiana', 'Punjab', 1],
  ['Mysuru', 'Karnataka', 1],
  ['Noida', 'Uttar Pradesh', 2],
  ['Gurugram', 'Haryana', 2],
  ['Dehradun', 'Uttarakhand', 1],
  ['Goa', 'Goa', 1],
];

/** [tag, probability]: independent, so some customers carry several and many none. */
export const TAGS: readonly (readonly [string, number])[] = [
  // First, so a customer on the newsletter is known by tags[0] and always accepts marketing.
  ['newsletter', 0.3],
  ['vip', 0.05],
  ['wholesale', 0.03],
  ['festive-sale', 0.12],
  ['cod-preferred', 0.18],
  ['app-user', 0.22],
  ['influencer', 0.01],
];
